<#-- staff.admitted (de), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Platz erhalten: ${(course.name)!""}</#assign>
<@t.hello/>

das Kursteam hat Ihnen im Kurs <@t.coursePhrase c=course!{}/> einen festen Platz gegeben.

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
