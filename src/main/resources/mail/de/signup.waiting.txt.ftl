<#-- signup.waiting (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Warteliste: ${(course.name)!""}</#assign>
<@t.hello/>

Der Kurs <@t.coursePhrase c=course!{}/> ist zurzeit voll. Sie stehen auf der Warteliste und bekommen Nachricht, sobald ein Platz für Sie frei wird.

<@t.waitingPlace/>

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
