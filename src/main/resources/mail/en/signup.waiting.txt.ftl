<#-- signup.waiting (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Waiting list: ${(course.name)!""}</#assign>
<@t.hello/>

The course <@t.coursePhrase c=course!{}/> is full at the moment. You are on the waiting list and will hear from us as soon as a seat becomes free for you.

<@t.waitingPlace/>

<@t.courseFacts/>

<@t.feeLine/>

<@t.statusLink/>

<@t.footer/>
